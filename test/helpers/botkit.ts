// The one test helper that touches botbuilder's test tools, so a move to another SDK changes one file.
export { TestAdapter, MemoryStorage, TurnContext, ActivityTypes } from 'botbuilder';
export { DialogTestClient } from 'botbuilder-testing';
