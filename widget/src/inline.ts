// Inline feedback, loaded by embed.js on pages with an article (see src/inline/).
import { type InlineBridge, InlineFeedback } from "./inline/inline-feedback";

document.dispatchEvent(new CustomEvent("sala:inline", { detail: (bridge: InlineBridge) => new InlineFeedback(bridge) }));
