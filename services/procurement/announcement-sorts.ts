/** The orders of the public announcement list; pure, so the list's form can name them in the browser. */
export const ANNOUNCEMENT_SORTS = ['published', 'deadline', 'price_desc', 'price_asc'] as const
export type AnnouncementSort = (typeof ANNOUNCEMENT_SORTS)[number]
