// @vitest-environment node
// The generated API types are current: schema.d.ts is what `npm run gen:api` makes from openapi.json today. (That
// openapi.json is what the server serves is checked on the Rust side: tests/tests/openapi_snapshot.rs.)
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'
import { expect, it } from 'vitest'

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8')

it('schema.d.ts is generated from the committed openapi.json (else run `npm run gen:api`)', async () => {
  const doc = JSON.parse(read('../../../openapi.json'))
  const generated = COMMENT_HEADER + astToString(await openapiTS(doc, { silent: true }))
  const committed = read('../schema.d.ts')
  expect(committed === generated, 'src/api/schema.d.ts is stale: run `npm run gen:api` (or `make openapi`)').toBe(true)
}, 30_000)
