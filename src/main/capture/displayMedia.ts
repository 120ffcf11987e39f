import type { CaptureService, DisplayMediaAnswer } from './service'

interface DisplayMediaRequest {
  frame: { url: string; parent: unknown } | null
  videoRequested: boolean
}

/**
 * Answers `getDisplayMedia` in Electron. Only the Get Help page's top frame is served, and only
 * with the screen the user picked (or the only screen there is); no audio is ever granted.
 * Everything else is refused.
 */
export function createDisplayMediaHandler(capture: CaptureService, isGetHelpPage: (url: string | null) => boolean) {
  return (request: DisplayMediaRequest, callback: (streams: DisplayMediaAnswer | null) => void): void => {
    const frame = request.frame
    if (!frame || frame.parent !== null || !isGetHelpPage(frame.url) || !request.videoRequested) {
      callback(null)
      return
    }
    capture.answerDisplayMedia().then(callback, () => callback(null))
  }
}
