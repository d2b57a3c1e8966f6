import { http } from './http'
import type { FileRef, IdSide, PhotoResp, Profile, ProfileEditable } from './types'

export const getProfile = () => http.get<Profile>('/profile').then((r) => r.data)

export const updateProfile = (body: ProfileEditable) =>
  http.put<Profile>('/profile', body, { silent: true }).then((r) => r.data)

function fileForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file)
  return form
}

export const uploadPhoto = (file: File) =>
  http.post<PhotoResp>('/profile/photo', fileForm(file), { timeout: 120_000 }).then((r) => r.data)

export const uploadIdImage = (side: IdSide, file: File) =>
  http.post<FileRef>(`/profile/id-images/${side}`, fileForm(file), { timeout: 120_000 }).then((r) => r.data)

export const deleteIdImage = (side: IdSide) =>
  http.delete<void>(`/profile/id-images/${side}`).then(() => undefined)
