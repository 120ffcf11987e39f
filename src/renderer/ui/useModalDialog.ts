import { useEffect, useRef } from 'react'

/** A `<dialog>` shown as a modal while `open` holds, closed when it no longer does. */
export function useModalDialog(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (open && element && !element.open) element.showModal()
    if (!open && element?.open) element.close()
  }, [open])
  return dialog
}
