// The words of the share and "Most discussed" blocks, in the widget's languages. They live in
// blocks.js, which only pages with these blocks load, rather than in every page's embed.js.
export interface BlockWords {
  share: string;
  shareEmail: string;
  copyLink: string;
  copied: string;
  /** {url}: the link, for the reader to copy by hand. */
  copyFailed: string;
  shareNative: string;
  popular: string;
  popularEmpty: string;
}

export const blockWords: Record<string, BlockWords> = {
  en: {
    share: "Share this post via",
    shareEmail: "Email",
    copyLink: "Copy link",
    copied: "Link copied.",
    copyFailed: "Could not copy. The link is {url}",
    shareNative: "Share…",
    popular: "Most discussed",
    popularEmpty: "No discussions yet.",
  },
  km: {
    share: "ចែករំលែកអត្ថបទនេះតាម",
    shareEmail: "អ៊ីមែល",
    copyLink: "ចម្លងតំណ",
    copied: "បានចម្លងតំណ។",
    copyFailed: "មិនអាចចម្លងបានទេ។ តំណគឺ {url}",
    shareNative: "ចែករំលែក…",
    popular: "ពិភាក្សាច្រើនបំផុត",
    popularEmpty: "មិនទាន់មានការពិភាក្សានៅឡើយទេ។",
  },
};
