/**
 * Puts focus on the open ticket's heading. Used after an action whose button goes away (Escalate),
 * so keyboard users stay in the ticket instead of falling back to the top of the page.
 */
export function focusTicketHeading(): void {
  document.getElementById('ticket-heading')?.focus()
}
