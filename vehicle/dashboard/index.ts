// The dashboard's surface: the server, the source it reads, and the fake source for development.
export { startDashboard, parseCommand, type Dashboard, type DashboardOptions, type DashboardLog } from './server.ts';
export type { DashboardSource, CommandOutcome } from './source.ts';
export { LiveFeed, sseFrame, type LiveFeedOptions, type FeedSink, type LogEntry } from './live-feed.ts';
export { newToken, tokensMatch, MIN_TOKEN_LENGTH } from './auth.ts';
export { FakeSource, type FakeSourceOptions } from './fake-source.ts';
