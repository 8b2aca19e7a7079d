import { loggedInAgent } from '../helpers/forms';
import { useScene } from '../factories/scene';
import { recordAudit } from '../../server/audit/audit';

const { testApp, admin, moderator } = useScene({
  users: { admin: { role: 'admin', displayName: 'Admin Anna' }, moderator: { role: 'moderator', displayName: 'Moderator <b>Max</b>' } },
});
beforeAll(async () => {
  await recordAudit(testApp.db, { actorId: moderator.id, action: 'idea.hidden', targetType: 'idea', targetId: 7, reason: 'Spam <script>x</script>', before: { visibility: 'published' }, after: { visibility: 'hidden' } });
  await recordAudit(testApp.db, { actorId: moderator.id, action: 'export.ideas', after: { format: 'csv' } });
  await recordAudit(testApp.db, { actorId: admin.id, action: 'user.blocked', targetType: 'user', targetId: moderator.id, reason: 'Test' });
});

/** The rows of the log, without the filter's choices. */
const rowsOf = (html: string) => /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '';

describe('the audit log page', () => {
  it('lists every staff action for admins, newest first, escaped, with links to the items', async () => {
    const { agent } = await loggedInAgent(testApp.app, admin);
    const page = await agent.get('/admin/audit?lang=en').expect(200);
    const rows = rowsOf(page.text);
    expect(rows.indexOf('Account blocked')).toBeLessThan(rows.indexOf('Ideas exported'));
    expect(rows.indexOf('Ideas exported')).toBeLessThan(rows.indexOf('Idea hidden'));
    expect(page.text).toContain('Spam &lt;script&gt;x&lt;/script&gt;');
    expect(page.text).toContain('Moderator &lt;b&gt;Max&lt;/b&gt;');
    expect(page.text).toContain('href="/admin/ideas/7"');
    expect(page.text).toContain('{&#34;visibility&#34;:&#34;hidden&#34;}');
  });

  it.each([
    ['action=idea.hidden', ['Idea hidden'], ['Ideas exported', 'Account blocked']],
    ['action=export', ['Ideas exported'], ['Idea hidden']],
    ['targetType=user', ['Account blocked'], ['Ideas exported']],
    ['targetType=idea&targetId=7', ['Idea hidden'], ['Account blocked']],
  ])('filters by %s', async (query, present, absent) => {
    const { agent } = await loggedInAgent(testApp.app, admin);
    const rows = rowsOf((await agent.get(`/admin/audit?${query}&lang=en`).expect(200)).text);
    for (const text of present) expect(rows).toContain(text);
    for (const text of absent) expect(rows).not.toContain(text);
  });

  it('filters by the person who acted and by date', async () => {
    const { agent } = await loggedInAgent(testApp.app, admin);
    expect(rowsOf((await agent.get(`/admin/audit?actor=${admin.id}&lang=en`).expect(200)).text)).not.toContain('Ideas exported');
    expect((await agent.get('/admin/audit?from=2020-01-01&to=2020-01-02&lang=en').expect(200)).text).toContain('No entries match.');
  });

  it.each(['action=DROP TABLE', 'actor=me', 'from=2026-02-31x', 'from=2026-05-02&to=2026-05-01', 'targetType=planet'])('answers a malformed filter %s with 400', async (query) => {
    const { agent } = await loggedInAgent(testApp.app, admin);
    await agent.get(`/admin/audit?${query}`).expect(400);
  });

  it('is for admins only', async () => {
    const { agent } = await loggedInAgent(testApp.app, moderator);
    await agent.get('/admin/audit').expect(403);
  });
});
