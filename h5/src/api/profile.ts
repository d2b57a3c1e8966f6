import { getData, http, postData, putData } from './http'
import type { FileRef, IdSide, PhotoResp, Profile, ProfileEditable } from './types'

export const getProfile = () => getData<Profile>('/profile')

export const updateProfile = (body: ProfileEditable) =>
  putData<Profile>('/profile', body, { silent: true })

function fileForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file)
  return form
}

export const uploadPhoto = (file: File) =>
  postData<PhotoResp>('/profile/photo', fileForm(file), { timeout: 120_000 })

export const uploadIdImage = (side: IdSide, file: File) =>
  postData<FileRef>(`/profile/id-images/${side}`, fileForm(file), { timeout: 120_000 })

export const deleteIdImage = (side: IdSide) =>
  http.delete<void>(`/profile/id-images/${side}`).then(() => undefined)
