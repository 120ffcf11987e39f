import type { Role } from '@shared/auth'
import type { ArticleStatus } from '@shared/kb/article'

/** Articles go live only after a 2nd-level review. */
export const canPublish = (role: Role): boolean => role === 'specialist' || role === 'admin'

/**
 * The status an edit leaves an article in. What end users and agents read is the reviewers'
 * business both ways: an agent may not change a published article at all (any edit would take it
 * out of publication or put unreviewed text live), nor retire one.
 */
export function statusAfterEdit(
  role: Role,
  current: ArticleStatus,
  requested: Exclude<ArticleStatus, 'published'> | undefined,
): { ok: true; status: ArticleStatus } | { ok: false; message: string } {
  if (!canPublish(role) && current === 'published') {
    return {
      ok: false,
      message:
        'A published article is changed only by a specialist or an admin; ask one to edit it or to send it back to review.',
    }
  }
  if (requested === 'outdated' && !canPublish(role)) {
    return { ok: false, message: 'Only a specialist or an admin can mark an article as outdated.' }
  }
  return { ok: true, status: requested ?? current }
}
