import type { Knex } from 'knex'

/**
 * App updates served by HQ (electron-updater's generic provider). A release is one version of the app for one
 * platform on one channel; its files (installers, their blockmaps) are stored by SHA-256 under
 * BLOB_DIR/updates. A branch may be capped at a version: it is offered nothing newer.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hq_update_release', (t) => {
    t.text('id').primary()
    t.text('channel').notNullable()
    t.text('platform').notNullable().checkIn(['windows', 'linux'], 'hq_update_release_platform_check')
    t.text('version').notNullable()
    t.text('release_date').notNullable()
    t.text('published_at').notNullable()
    t.unique(['channel', 'platform', 'version'], { indexName: 'hq_update_release_uq' })
  })
  await knex.schema.createTable('hq_update_file', (t) => {
    t.text('release_id').notNullable().references('id').inTable('hq_update_release')
    // The file's name in the feed's URLs; unique within a channel (names carry the version).
    t.text('name').notNullable()
    t.text('channel').notNullable()
    t.text('sha256').notNullable()
    // Base64 SHA-512: what electron-updater checks the download against.
    t.text('sha512').notNullable()
    t.bigInteger('size').notNullable()
    // Installers are listed in the feed; blockmaps are fetched beside them for differential downloads.
    t.boolean('in_feed').notNullable()
    t.text('published_at').notNullable()
    t.primary(['release_id', 'name'])
    t.unique(['channel', 'name'], { indexName: 'hq_update_file_name_uq' })
  })
  await knex.schema.alterTable('hq_branch', (t) => {
    t.text('update_cap')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('hq_branch', (t) => {
    t.dropColumn('update_cap')
  })
  await knex.schema.dropTableIfExists('hq_update_file')
  await knex.schema.dropTableIfExists('hq_update_release')
}
