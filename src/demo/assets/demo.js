// No longer loaded: the demo page's comments and share links are Sala's widget (/embed.js).
// This file and its two references (src/demo/CMakeLists.txt, demo_page.cpp) can be removed.
