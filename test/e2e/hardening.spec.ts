import { expect, test } from './fixtures'
import { signedIn } from './pages/ConsolePage'

/**
 * A pasted NUL once made the hub answer 500 for every push, and the Console, whose outbox keeps
 * the edit across reloads, never synced again. Now the Console cleans what is pasted, the hub
 * refuses only the one command it cannot store, and such a command is the agent's to correct.
 */
test('a pasted NUL never stops a Console: the note is stored without it, a refused edit is set aside and corrected, and sync goes on', async ({
  browser,
  hub,
}) => {
  const agentContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  const adminContext = await browser.newContext()
  const agentPage = await agentContext.newPage()
  const agent = await signedIn(agentPage, hub.url, hub.login('agent'))
  const admin = await signedIn(await adminContext.newPage(), hub.url, hub.login('admin'))
  const storedNotes = async () =>
    (
      await hub.hub.db.query<{ body: string }>(
        "select data->'payload'->>'body' as body from ticket_events where data->>'type' = 'internal_note' order by change_seq, at",
      )
    ).map((row) => row.body)

  await agent.newCall('Jana Nowak', 'Laptop bluescreens on dock')

  // A real paste of text with a NUL in it, as copied from an event log viewer.
  await agentPage.evaluate(() => navigator.clipboard.writeText('Event 41\u0000 Kernel-Power'))
  await agentPage.getByRole('textbox', { name: 'Message' }).focus()
  await agentPage.keyboard.press('Control+V')
  await agentPage.getByRole('button', { name: 'Add internal note' }).click()
  await expect(agentPage.getByText('Event 41 Kernel-Power')).toBeVisible()
  await expect.poll(storedNotes).toEqual(['Event 41 Kernel-Power'])
  await expect(agent.syncStatus()).toHaveText('Up to date')

  // An edit with a NUL already in the outbox (written by a Console before this check existed).
  const ticketId = (
    await hub.hub.db.query<{ id: string }>(
      "select id from tickets where data->>'subject' = 'Laptop bluescreens on dock'",
    )
  )[0]!.id
  await agentPage.evaluate(async (ticketId) => {
    const [info] = (await indexedDB.databases()).filter((d) => d.name?.startsWith('firstline:'))
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info!.name!)
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const ticket = await new Promise<{ version: number }>((resolve) => {
      const get = db.transaction('tickets').objectStore('tickets').get(ticketId)
      get.onsuccess = () => resolve(get.result as { version: number })
    })
    const commandId = crypto.randomUUID()
    await new Promise((resolve) => {
      const tx = db.transaction('outbox', 'readwrite')
      tx.objectStore('outbox').add({
        commandId,
        ticketId,
        queuedAt: new Date().toISOString(),
        command: {
          type: 'add_note',
          commandId,
          ticketId,
          baseVersion: ticket.version,
          deviceTime: new Date().toISOString(),
          payload: { visibility: 'internal', body: 'BIOS 1.2\u0000 installed' },
        },
      })
      tx.oncomplete = resolve
    })
    db.close()
  }, ticketId)
  await agentPage.reload()
  await agent.open('Laptop bluescreens on dock')
  await agent.addInternalNote('Swapped the dock')

  // The refused edit waits for the agent; the note behind it and other agents' changes flow.
  const problems = agentPage.getByRole('button', { name: '1 edit needs you' })
  await expect(problems).toBeVisible()
  await expect.poll(storedNotes).toEqual(['Event 41 Kernel-Power', 'Swapped the dock'])
  await admin.open('Laptop bluescreens on dock')
  await admin.setStatus('In progress')
  await expect(agentPage.getByRole('combobox', { name: 'Status', exact: true }).last()).toHaveValue('in_progress')
  await expect(agentPage.getByText(/changes? waiting to be sent/)).toHaveCount(0)

  await problems.click()
  const dialog = agentPage.getByRole('dialog', { name: 'Edits that need you' })
  await expect(dialog.getByText(/^Note or reply on T-\d+$/)).toBeVisible()
  await expect(
    dialog.getByText(/Not applied: “Text” contains an invisible character that cannot be stored/),
  ).toBeVisible()
  await dialog.getByRole('button', { name: 'Edit and send again' }).click()
  const text = dialog.getByRole('form', { name: 'Correct the edit' }).getByRole('textbox', { name: 'Text' })
  await expect(text).toHaveValue('BIOS 1.2 installed')
  await text.fill('BIOS 1.2 installed, dock firmware next')
  await dialog.getByRole('button', { name: 'Send again' }).click()
  await expect(dialog.getByText('Nothing to decide.')).toBeVisible()
  await expect
    .poll(storedNotes)
    .toEqual(['Event 41 Kernel-Power', 'Swapped the dock', 'BIOS 1.2 installed, dock firmware next'])

  // A reload brings nothing back and sends nothing twice.
  await agentPage.reload()
  await agent.open('Laptop bluescreens on dock')
  await expect(agent.syncStatus()).toHaveText('Up to date')
  await expect(agentPage.getByRole('button', { name: /needs? you/ })).toHaveCount(0)
  expect(await storedNotes()).toHaveLength(3)
  await agentContext.close()
  await adminContext.close()
})
