// Chinese names for audit actions and targets; unknown codes are shown as they are.

const ACTIONS: Record<string, string> = {
  register: '考生注册',
  login: '密码登录',
  login_failed: '登录失败',
  login_wechat: '微信登录',
  logout: '退出登录',
  password_change: '修改密码',
  wechat_bind: '绑定微信',
  wechat_unbind: '解绑微信',
  profile_update: '修改个人资料',
  profile_file_upload: '上传照片或证件',
  profile_file_delete: '删除证件图片',
  account_create: '新建账号',
  institution_create: '新建机构',
}

const TARGETS: Record<string, string> = {
  user: '账号',
  institution: '机构',
  login: '登录名',
}

export const auditActionLabel = (code: string) => ACTIONS[code] ?? code
export const auditTargetLabel = (code: string) => TARGETS[code] ?? code
