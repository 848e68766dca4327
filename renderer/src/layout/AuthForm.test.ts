// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import { fieldErrors } from '../composables/fieldErrors'
import ErrorTextField from '../features/party/ErrorTextField.vue'
import AuthForm from './AuthForm.vue'

const global = { plugins: [createVuetify({ components })] }
// The field's message as the key itself: what is checked is where it shows and when it goes, not its wording.
const t = ((key: string) => key) as Parameters<typeof fieldErrors>[0]

/** A sign-in-like card: one field bound to the form's errors, the refusal and the submit button under it. */
function card(errorTestid?: string) {
  const errors = fieldErrors(t)
  const login = ref('')
  let submitted = 0
  const Page = defineComponent({
    setup: () => () =>
      h(
        AuthForm,
        {
          name: 'demo',
          submitLabel: 'Войти',
          busy: false,
          error: errors.formError.value,
          errorTestid,
          onSubmit: () => submitted++,
        },
        () =>
          h(ErrorTextField, {
            modelValue: login.value,
            'onUpdate:modelValue': (v: string) => (login.value = v),
            errors,
            path: 'login',
            label: 'Логин',
            name: 'login',
          }),
      ),
  })
  return { wrapper: mount(Page, { global, attachTo: document.body }), errors, login, submitted: () => submitted }
}

describe('AuthForm with ErrorTextField', () => {
  it('submits once per submit, not reloading the page; the button and the form carry the card’s test ids', async () => {
    const { wrapper, submitted } = card()
    await nextTick()
    expect(wrapper.get('[data-testid="demo-submit"]').text()).toBe('Войти')
    await wrapper.get('[data-testid="demo-form"]').trigger('submit')
    expect(submitted()).toBe(1)
    wrapper.unmount()
  })

  it('shows the refusal under the fields and the field’s error at the field; typing drops only the field’s', async () => {
    const { wrapper, errors, login } = card('form-error')
    errors.fromApi({ code: 'validation', message: 'Проверьте поля', fieldErrors: { login: 'validation.required' } })
    // The alert's code is loaded when the first refusal comes (alertOnDemand.ts).
    await vi.waitFor(() => expect(wrapper.find('[data-testid="form-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Проверьте поля')
    expect(wrapper.find('[data-testid="demo-error"]').exists()).toBe(false)
    expect(wrapper.get('.v-messages').text()).toBe('validation.required')
    await wrapper.get('input[name="login"]').setValue('ivanov')
    expect(login.value).toBe('ivanov')
    expect(errors.of('login')).toEqual([])
    await nextTick()
    expect(wrapper.get('.v-messages').text()).toBe('')
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Проверьте поля')
    wrapper.unmount()
  })
})
