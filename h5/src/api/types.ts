// The shapes of the API, from the server's OpenAPI document: `schema.d.ts` is generated from `openapi.json` by
// `npm run gen:api` (and `make openapi` refreshes both). Only what the document cannot say is written by hand here,
// each with the reason.
import type { components, paths } from './schema'

/** A schema of the server's OpenAPI document. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K]

/** The query parameters of a GET operation, as the document lists them. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never

/**
 * `T` with some fields narrowed. The server serialises statuses, roles and kinds as plain strings (its typed enums
 * are still to come, REVIEW.md change 3), so the document says `string`; the H5 keeps the unions its pages switch
 * on, written once in these files. When the server's enums land, these narrowings become plain aliases.
 */
export type Narrow<T, N extends { [K in keyof N]: K extends keyof T ? unknown : never }> = Omit<T, keyof N> & N

/**
 * Every field present and not null: a form's state, where the document's request type leaves out what the server
 * defaults.
 */
export type Filled<T> = { [K in keyof T]-?: NonNullable<T[K]> }

/** A string in the document (see Narrow). */
export type Role = 'candidate' | 'staff' | 'centre_reviewer' | 'centre_finance' | 'admin'

export type ApiErrorBody = Schema<'ErrorBody'>
export type Option = Schema<'EnumItem'>
export type Enums = Schema<'EnumsResp'>
export type EnumKind = keyof Enums
export type AppConfig = Schema<'ClientConfig'>
export type InstitutionRef = Schema<'InstitutionRef'>

export type Me = Narrow<Schema<'Me'>, { role: Role }>
export type LoginResp = Narrow<Schema<'LoginResp'>, { user: Me }>
export type RegisterReq = Schema<'RegisterReq'>
export type LoginReq = Schema<'LoginReq'>

/**
 * `POST /auth/wechat/oauth`. The document has one flat object with every field optional (`WechatLoginResp`); which
 * fields come depends on `status`, which only a tagged union can say.
 */
export type OauthResp =
  | { status: 'logged_in'; token: string; user: Me }
  | { status: 'bind_required'; bind_ticket: string }
  | { status: 'bound'; user: Me }

export type FileRef = Schema<'FileRef'>
export type MissingField = Schema<'MissingField'>

/** The fields a candidate may change with `PUT /api/profile`. */
export type ProfileEditable = Schema<'UpdateProfileReq'>
export type Profile = Schema<'Profile'>
export type PhotoResp = Schema<'PhotoResp'>

/** A path segment of `POST /profile/id-images/{side}` (a string in the document). */
export type IdSide = 'front' | 'back'

export type Institution = Schema<'InstitutionResp'>
export type AdminUser = Narrow<Schema<'UserResp'>, { role: Role }>
export type CreateUserReq = Narrow<Schema<'CreateUserReq'>, { role: Exclude<Role, 'candidate'> }>
export type AuditEntry = Schema<'AuditResp'>

/** One assessable level of an occupation and the subjects it is assessed in. */
export type LevelSpec = Schema<'LevelSpec'>
/** An entry of the occupation catalogue (职业目录). */
export type Occupation = Schema<'OccupationResp'>
export type OccupationReq = Schema<'OccupationReq'>
