// The wizard sends an incomplete profile to 用户中心 and takes the candidate back afterwards: it remembers, for
// this tab only, that the notice of that item was confirmed, so that the return lands on the profile step.
const KEY = 'skillcert.wizard_resume'

export function saveWizardStep(itemId: number): void {
  try {
    sessionStorage.setItem(KEY, String(itemId))
  } catch {
    // private mode: the wizard starts from the notice again
  }
}

/** Whether the wizard of `itemId` should resume at the profile step (asked once). */
export function resumeWizard(itemId: number): boolean {
  try {
    const saved = sessionStorage.getItem(KEY)
    sessionStorage.removeItem(KEY)
    return saved === String(itemId)
  } catch {
    return false
  }
}
