// The words of inline feedback, in the widget's languages (see src/i18n for the rest).
export interface Words {
  commentOn: string;
  tooLong: string;
  onPassage: { one?: string; other: string };
  asks: string;
  answerCount: { one?: string; other: string };
  filter: string;
  commentingOn: string;
  whole: string;
  changed: string;
  gone: string;
  passage: string;
  answers: string;
  answer: string;
  commentHere: string;
  showAll: string;
  showPassage: string;
}

export const strings: Record<string, Words> = {
  en: {
    commentOn: "Comment on this",
    tooLong: "Select a shorter passage (at most 1,000 characters) to comment on it.",
    onPassage: { one: "{n} comment on this passage", other: "{n} comments on this passage" },
    asks: "Question from the newsroom:",
    answerCount: { one: "{n} answer", other: "{n} answers" },
    filter: "Inline feedback",
    commentingOn: "Commenting on:",
    whole: "Comment on the whole article instead",
    changed: "The passage changed after this comment was written.",
    gone: "This passage changed or was removed.",
    passage: "Comments on this passage",
    answers: "Answers to: {q}",
    answer: "Answer",
    commentHere: "Comment on this passage",
    showAll: "Show all comments",
    showPassage: "Show the passage in the article",
  },
  km: {
    commentOn: "បញ្ចេញមតិលើផ្នែកនេះ",
    tooLong: "សូមជ្រើសអត្ថបទខ្លីជាងនេះ (យ៉ាងច្រើន ១០០០ តួអក្សរ) ដើម្បីបញ្ចេញមតិ។",
    onPassage: { other: "មតិយោបល់ {n} លើផ្នែកនេះ" },
    asks: "សំណួរពីក្រុមអ្នកសារព័ត៌មាន៖",
    answerCount: { other: "ចម្លើយ {n}" },
    filter: "មតិលើផ្នែកអត្ថបទ",
    commentingOn: "បញ្ចេញមតិលើ៖",
    whole: "បញ្ចេញមតិលើអត្ថបទទាំងមូលវិញ",
    changed: "ផ្នែកនេះបានផ្លាស់ប្តូរ បន្ទាប់ពីមតិនេះត្រូវបានសរសេរ។",
    gone: "ផ្នែកនេះបានផ្លាស់ប្តូរ ឬត្រូវបានដកចេញ។",
    passage: "មតិយោបល់លើផ្នែកនេះ",
    answers: "ចម្លើយចំពោះ៖ {q}",
    answer: "ឆ្លើយ",
    commentHere: "បញ្ចេញមតិលើផ្នែកនេះ",
    showAll: "បង្ហាញមតិយោបល់ទាំងអស់",
    showPassage: "បង្ហាញផ្នែកនេះក្នុងអត្ថបទ",
  },
};
