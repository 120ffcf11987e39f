import { controlStateSchema, type ControlClaim, type ControlState } from '@shared/session/input'
import type { InputService } from './service'

export type AskHub = (session: { id: string; credential: string }) => Promise<ControlState>

const none: ControlState = { holder: null, granted: false }

/** Asks the hub, over main's own connection, who holds control in the session and whether it stands. */
export function askHubOver(hubUrl: string, fetchFn?: typeof fetch): AskHub {
  return async (session) => {
    const response = await (fetchFn ?? fetch)(`${hubUrl}/api/sessions/${encodeURIComponent(session.id)}/control`, {
      headers: { authorization: `Bearer ${session.credential}` },
      signal: AbortSignal.timeout(5000),
    })
    if (!response.ok) return none
    const parsed = controlStateSchema.safeParse(await response.json())
    return parsed.success ? parsed.data : none
  }
}

/**
 * Main's own check of the renderer's word on control (defence in depth). A withdrawal applies at
 * once: ending control is always safe. A grant applies only once the hub, asked by main itself,
 * names the same holder with control granted; until then, and if the hub cannot be asked, input
 * is refused. A newer claim makes the answer to an older question void, so a revoke that arrives
 * while a grant is being checked is never undone by it.
 */
export function createHubCheckedControl(input: Pick<InputService, 'setControl'>, askHub: AskHub) {
  let applied: ControlState = none
  let latest = 0
  const set = (state: ControlState) => {
    applied = state
    input.setControl(state)
  }
  return {
    async setControl(claim: ControlClaim): Promise<void> {
      const asked = ++latest
      const wanted: ControlState = { holder: claim.holder, granted: claim.granted }
      if (!wanted.granted || wanted.holder === null || !claim.session) return set(none)
      const same = applied.granted && applied.holder === wanted.holder
      if (!same) set(none)
      let confirmed: ControlState
      try {
        confirmed = await askHub(claim.session)
      } catch {
        confirmed = none
      }
      if (asked !== latest) return
      if (confirmed.granted && confirmed.holder === wanted.holder) {
        if (!same) set(wanted)
      } else set(none)
    },
  }
}
