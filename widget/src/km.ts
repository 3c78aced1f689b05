// The Khmer messages, loaded by embed.js only on pages that read Khmer, so that embed.js carries
// English alone. Handed over in an event rather than a global variable, like the other parts.
import { km } from "./i18n/km";

document.dispatchEvent(new CustomEvent("sala:km", { detail: km }));
