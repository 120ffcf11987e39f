import type { Role } from '@shared/auth'
import type { ArticleStatus } from '@shared/kb/article'

/** Articles go live only after a 2nd-level review. */
export const canPublish = (role: Role): boolean => role === 'specialist' || role === 'admin'

/**
 * The status an edit leaves an article in. An agent's edit of a published article goes back to
 * review, so nothing reaches end users unreviewed; only reviewers may retire an article.
 */
export function statusAfterEdit(
  role: Role,
  current: ArticleStatus,
  requested: Exclude<ArticleStatus, 'published'> | undefined,
): { ok: true; status: ArticleStatus } | { ok: false; message: string } {
  if (requested === 'outdated' && !canPublish(role)) {
    return { ok: false, message: 'Only a specialist or an admin can mark an article as outdated.' }
  }
  if (requested) return { ok: true, status: requested }
  if (current === 'published' && !canPublish(role)) return { ok: true, status: 'in_review' }
  return { ok: true, status: current }
}
