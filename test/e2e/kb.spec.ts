import { expect, test } from './fixtures'
import { ConsolePage, KnowledgePanel, TicketDesk } from './pages/ConsolePage'

test('offline, the agent still finds a knowledge-base article and links it; the link reaches the hub when the network returns', async ({
  browser,
  hub,
  request,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const console = new ConsolePage(page, hub.url)
  await console.open()
  const agent = hub.login('agent')
  await console.signIn(agent.email, agent.password)
  await console.expectSignedIn()
  const desk = new TicketDesk(page)
  const kb = new KnowledgePanel(page)

  await desk.newCall('Jana Nowak', 'Outlook keeps asking for my password')
  await expect(desk.syncStatus()).toHaveText('Up to date')
  // The sync brought the published articles into the cache: the subject alone suggests the right one.
  await expect(kb.suggestions().getByText('Outlook keeps asking for the password', { exact: false })).toBeVisible()
  await expect(
    kb
      .suggestions()
      .getByText(/matches .*outlook/)
      .first(),
  ).toBeVisible()

  // Taking the next call, suggestions appear while the agent types the subject.
  await page.getByRole('button', { name: 'New call' }).click()
  const intake = page.getByRole('dialog', { name: 'New call' })
  await intake.getByLabel('Subject').fill('Drucker druckt nicht')
  await expect(
    intake.getByRole('region', { name: 'Suggested articles' }).getByText(/^Drucker offline: der Drucker druckt nicht/),
  ).toBeVisible()
  await intake.getByRole('button', { name: 'Cancel' }).click()

  await context.setOffline(true)
  // A German search, answered from the local index; the German text matched, so it is shown.
  await kb.search('Kennwort vergessen')
  const results = kb.results()
  await expect(results.getByText(/Passwort vergessen oder abgelaufen/)).toBeVisible()
  await kb.link(/Passwort vergessen oder abgelaufen/)
  await expect(kb.linked().getByText(/Passwort vergessen oder abgelaufen/)).toBeVisible()
  await kb.rate(/Passwort vergessen oder abgelaufen/, 'solved it')
  await expect(kb.linked().getByRole('button', { name: /solved it$/ })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByText('2 changes waiting to be sent')).toBeVisible()

  // Nothing reached the hub while offline.
  const feedbackRows = async () =>
    (
      await hub.hub.db.query<{ verdict: string | null }>(
        `select f.verdict from kb_article_feedback f join kb_articles a on a.id = f.article_id
         where a.translations #>> '{en,title}' like 'Forgotten or expired password%'`,
      )
    ).map((row) => row.verdict)
  expect(await feedbackRows()).toEqual([])

  // The link survives a reload while still offline.
  await page.reload()
  await expect(page.getByText('2 changes waiting to be sent')).toBeVisible()
  await desk.open('Outlook keeps asking for my password')
  await expect(kb.linked().getByText(/Passwort vergessen oder abgelaufen/)).toBeVisible()

  await context.setOffline(false)
  await expect(page.getByText(/changes? waiting to be sent/)).toHaveCount(0, { timeout: 30_000 })
  await expect(desk.syncStatus()).toHaveText('Up to date')

  // The hub's API agrees: the ticket holds the link with the verdict, and the article's counts moved.
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('firstline.session') ?? '{}').token as string)
  const headers = { authorization: `Bearer ${token}` }
  const [ticketRow] = await hub.hub.db.query<{ id: string }>(
    "select id from tickets where data->>'subject' = 'Outlook keeps asking for my password'",
  )
  const ticket = await (await request.get(`${hub.url}/api/tickets/${ticketRow!.id}`, { headers })).json()
  expect(ticket.ticket.articles).toEqual([
    expect.objectContaining({ title: expect.stringMatching(/^Passwort vergessen oder abgelaufen/), verdict: 'solved' }),
  ])
  expect(ticket.events.map((event: { type: string }) => event.type)).toEqual(
    expect.arrayContaining(['article_linked', 'article_rated']),
  )
  const { feedback } = await (await request.get(`${hub.url}/api/kb/feedback`, { headers })).json()
  const linkedId = ticket.ticket.articles[0].id
  expect(feedback).toContainEqual(
    expect.objectContaining({ articleId: linkedId, links: 1, solved: 1, notHelpful: 0, flagged: false }),
  )
  expect(await feedbackRows()).toEqual(['solved'])
  // And the panel shows the hub's counts after the sync.
  await expect(kb.linked().getByText('solved 1 · did not help 0 · linked 1×')).toBeVisible()
  await context.close()
})

test('a resolved ticket is saved as a draft article, and a specialist publishes it from the review list', async ({
  browser,
  hub,
}) => {
  const agentContext = await browser.newContext()
  const agentPage = await agentContext.newPage()
  const agentConsole = new ConsolePage(agentPage, hub.url)
  await agentConsole.open()
  await agentConsole.signIn(hub.login('agent').email, hub.login('agent').password)
  await agentConsole.expectSignedIn()
  const desk = new TicketDesk(agentPage)
  await desk.newCall('Omar Aziz', 'Label printer prints only half the label')
  await agentPage
    .getByRole('textbox', { name: 'Message' })
    .fill('Open the printer settings.\nSet the label size to 62 mm.')
  await agentPage.getByRole('button', { name: 'Send public reply' }).click()
  await desk.setStatus('Resolved')
  await agentPage.getByRole('button', { name: 'Save as article' }).click()
  await expect(
    agentPage.getByRole('status').filter({ hasText: 'Draft “Label printer prints only half the label” saved' }),
  ).toBeVisible()

  const specialistContext = await browser.newContext()
  const specialistPage = await specialistContext.newPage()
  const specialistConsole = new ConsolePage(specialistPage, hub.url)
  await specialistConsole.open()
  await specialistConsole.signIn(hub.login('specialist').email, hub.login('specialist').password)
  await specialistConsole.expectSignedIn()
  // Reviewers find the list in the ticket pane even with no ticket open.
  const review = specialistPage.getByRole('region', { name: 'Articles to review' })
  await review.getByRole('button', { name: 'Show articles to review' }).click()
  await review.getByRole('button', { name: 'Publish “Label printer prints only half the label”' }).click()
  await expect(review.getByText('“Label printer prints only half the label” is published.')).toBeVisible()
  const [row] = await hub.hub.db.query<{ status: string; steps: string }>(
    "select status, translations #>> '{en,steps}' as steps from kb_articles where translations #>> '{en,title}' = 'Label printer prints only half the label'",
  )
  expect(row).toEqual({ status: 'published', steps: '["Open the printer settings.", "Set the label size to 62 mm."]' })

  // The agent's Console picks it up with its next sync, then finds it offline.
  await desk.newCall('Eva Roth', 'Label printer cuts labels short')
  await expect(desk.syncStatus()).toHaveText('Up to date')
  await agentContext.setOffline(true)
  const agentPanel = new KnowledgePanel(agentPage)
  await agentPanel.search('label size')
  await expect(
    agentPanel.results().getByRole('listitem').filter({ hasText: 'Label printer prints only half the label' }),
  ).toBeVisible()
  await agentContext.close()
  await specialistContext.close()
})
