// The layers of the code base, checked by `npm run deps` (dependency-cruiser) inside `npm test`.
// From the bottom: locales/ (nothing of ours) ← knowledge/ (content and pure logic) ← dialogs/ (conversation)
// ← bot/ (the HTTP edge and the channels). scripts/, bench/ and test/ sit on top and may import any of them.
// botbuilder stays in bot/, dialogs/ and one test helper, so a move to the Microsoft 365 Agents SDK stays bounded.

/** The HTTP edge: what only the running server needs. */
const HTTP_EDGE = '^bot/(server\\.ts|web\\.ts|directline/|staff/|whatsapp/)';
/** botbuilder and its sister packages (botbuilder-dialogs, -testing, -azure-blobs, botframework-connector ...). */
const BOT_FRAMEWORK = '(^|/)node_modules/(botbuilder|botframework-)[^/]*/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'knowledge-is-pure',
      comment: 'knowledge/ is content and pure logic: no bot, no dialogs, no botbuilder, no express.',
      severity: 'error',
      from: { path: '^knowledge/' },
      to: { path: ['^bot/', '^dialogs/', BOT_FRAMEWORK, '(^|/)node_modules/express/'] },
    },
    {
      name: 'dialogs-not-http',
      comment: 'dialogs/ talk to a TurnContext, never to the HTTP server, Direct Line, staff tools, web pages or WhatsApp.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { path: [HTTP_EDGE, '(^|/)node_modules/express/'] },
    },
    {
      name: 'dialogs-language-by-interface',
      comment: 'dialogs/ reach the turn language through dialogs/language.ts, which bot/middleware/locale.ts implements.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { path: '^bot/middleware/' },
    },
    {
      name: 'locales-import-nothing-of-ours',
      comment: 'locales/ is the bottom layer: it imports only its own files and npm packages.',
      severity: 'error',
      from: { path: '^locales/' },
      to: { path: '^(bot|dialogs|knowledge|scripts|bench|test)/' },
    },
    {
      name: 'botbuilder-at-the-edges',
      comment: 'botbuilder only in bot/, dialogs/ and the one test helper that wraps botbuilder-testing. One exception: '
        + 'bench/reference.ts, whose plain botbuilder echo bot and in-process adapter are what the benchmark measures against.',
      severity: 'error',
      from: { pathNot: '^(bot/|dialogs/|test/helpers/botkit\\.ts$|bench/reference\\.ts$)' },
      to: { path: BOT_FRAMEWORK },
    },
    {
      name: 'production-not-from-tests',
      comment: 'The running bot never loads test or benchmark code.',
      severity: 'error',
      from: { path: '^(bot|dialogs|knowledge|locales)/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'no-cycles',
      comment: 'A cycle makes the load order decide what is undefined at import time. A cycle through a type-only import '
        + 'is allowed: it is erased at compile time (knowledge/normalize.ts names the Lexicon type of knowledge/lexicon.ts).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count: they still tie a layer to another one.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test-output|web)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
