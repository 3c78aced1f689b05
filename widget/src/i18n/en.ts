// English. Every language file has exactly these keys (the Messages type enforces it).
// Plural entries are keyed by Intl.PluralRules categories; "other" is always required.
// {n} is a number formatted for the language; other {names} are filled in as text.

export const en = {
  lang: "en",
  dir: "ltr",

  region: "Comments",
  count: { one: "{n} comment", other: "{n} comments" },
  sortLabel: "Sort by",
  sortNewest: "Newest",
  sortOldest: "Oldest",
  sortVotes: "Most voted",
  loading: "Loading comments…",
  loadFailed: "The comments could not be loaded.",
  retry: "Try again",
  loadMore: "Load more comments",
  viewAll: "View all comments",
  empty: "No comments yet. Start the conversation.",
  closed: "Comments are closed on this article.",

  deleted: "This comment was deleted.",
  inReplyTo: "in reply to {name}",
  edited: "edited",
  editedAt: "Edited {time}",
  pending: "Awaiting moderation",
  sending: "sending…",
  justNow: "just now",
  // Used only where the browser's Intl has no data for the language (Intl is preferred).
  minutesAgo: { one: "{n} minute ago", other: "{n} minutes ago" },
  hoursAgo: { one: "{n} hour ago", other: "{n} hours ago" },
  daysAgo: { one: "{n} day ago", other: "{n} days ago" },
  weeksAgo: { one: "{n} week ago", other: "{n} weeks ago" },
  monthsAgo: { one: "{n} month ago", other: "{n} months ago" },
  yearsAgo: { one: "{n} year ago", other: "{n} years ago" },
  votes: "Votes",
  voteUp: "Vote up",
  voteDown: "Vote down",
  voteTally: "{up} up, {down} down",
  reply: "Reply",
  edit: "Edit",
  delete: "Delete",
  confirmDelete: "Delete this comment?",
  keep: "Keep",
  newComments: { one: "{n} new comment", other: "{n} new comments" },

  formNew: "Add a comment",
  formReply: "Reply to {name}",
  formEdit: "Edit your comment",
  name: "Name",
  email: "Email (optional)",
  emailHint: "Only used for notifications you ask for. Never shown to anyone.",
  body: "Comment",
  formatHint: "*italic*  **bold**  `code`  > quote  [link](https://…)",
  preview: "Preview",
  previewEmpty: "Nothing to preview yet.",
  post: "Post comment",
  postReply: "Post reply",
  save: "Save",
  cancel: "Cancel",
  needName: "Please enter a name.",
  needBody: "Please write something first.",
  notifyOf: "Notify of",
  notifyThread: "new follow-up comments",
  notifyReplies: "new replies to my comments",
  subscribe: "Subscribe",
  needEmail: "Please enter your email.",
  checkInbox: "Check your inbox to confirm.",
  notifyOff: "This site sends no email notifications.",

  posted: "Your comment was posted.",
  awaiting: "Your comment is awaiting moderation.",
  updated: "Your comment was updated.",
  removed: "Your comment was deleted.",
  voted: "Vote recorded. Score: {score}.",
  unvoted: "Vote withdrawn. Score: {score}.",
  networkError: "Could not reach the comment server. Check your connection and try again.",
  serverError: "The comment server answered with an error ({status}).",
  retryIn: { one: "Try again in {n} second.", other: "Try again in {n} seconds." },
};

export type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
type Shape = typeof en;
export type Messages = { [K in keyof Shape]: Shape[K] extends string ? string : Plural };
export type TextKey = { [K in keyof Shape]: Shape[K] extends string ? K : never }[keyof Shape];
export type PluralKey = Exclude<keyof Shape, TextKey>;
