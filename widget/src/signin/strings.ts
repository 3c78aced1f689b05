// The words of signin.js, which comes without the thread's message catalogs; what the thread
// already says (Name, Cancel...) it takes from the thread's I18n.

const en = {
  why: "We email you a link. Your comments then show that you signed in, and nobody else can comment under your name here.",
  email: "Email",
  send: "Send me a link",
  sent: "Check your inbox. The link works for 10 minutes, in this browser only.",
  signedIn: "You are signed in as {name}.",
  signedOut: "You are signed out.",
  otherBrowser: "Open the sign-in link in the browser where you asked for it.",
  linkInvalid: "This sign-in link was used or has expired. Ask for a new one.",
  nameTaken: "This name belongs to someone else here. Please choose another.",
};

export type SigninText = typeof en;

const km: SigninText = {
  why: "យើងនឹងផ្ញើតំណមួយទៅអ៊ីមែលរបស់អ្នក។ បន្ទាប់មក មតិយោបល់របស់អ្នកនឹងបង្ហាញថាអ្នកបានចូល ហើយគ្មាននរណាម្នាក់អាចបញ្ចេញមតិក្នុងនាមអ្នកនៅទីនេះបានទេ។",
  email: "អ៊ីមែល",
  send: "ផ្ញើតំណមកខ្ញុំ",
  sent: "សូមពិនិត្យប្រអប់សំបុត្ររបស់អ្នក។ តំណនេះប្រើបាន ១០ នាទី ហើយតែនៅក្នុងកម្មវិធីរុករកនេះប៉ុណ្ណោះ។",
  signedIn: "អ្នកបានចូលក្នុងនាម {name}។",
  signedOut: "អ្នកបានចាកចេញហើយ។",
  otherBrowser: "សូមបើកតំណចូលនៅក្នុងកម្មវិធីរុករកដែលអ្នកបានស្នើសុំវា។",
  linkInvalid: "តំណចូលនេះត្រូវបានប្រើរួចហើយ ឬផុតកំណត់ហើយ។ សូមស្នើសុំតំណថ្មី។",
  nameTaken: "ឈ្មោះនេះជារបស់អ្នកផ្សេងនៅទីនេះ។ សូមជ្រើសរើសឈ្មោះផ្សេង។",
};

export function signinText(lang: string): SigninText {
  return lang === "km" ? km : en;
}
