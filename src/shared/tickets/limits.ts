/** Upper bounds for text a command may carry; the hub refuses anything longer. */
export const ticketLimits = {
  subject: 200,
  description: 20_000,
  noteBody: 20_000,
  statusNote: 2_000,
  overrideNote: 2_000,
  callSummary: 4_000,
  personName: 200,
  email: 254,
  phone: 40,
  device: 200,
  missingDevices: 200,
  groupName: 100,
  tag: 40,
  tagsPerTicket: 20,
  categoryId: 64,
} as const
