// Starts the chat server. TOKENS is a comma-separated list of token:userId pairs.
//   TOKENS=secret-alice:user-alice,secret-bob:user-bob PORT=8080 npm start
import { startChatServer } from './server/chatServer.js';

const tokens = Object.fromEntries(
  (process.env.TOKENS ?? 'dev-token:user-dev-0001')
    .split(',')
    .map((pair) => pair.split(':'))
    .filter(
      (pair): pair is [string, string] => pair.length === 2 && pair[0] !== '' && pair[1] !== '',
    ),
);
const server = await startChatServer({
  tokens,
  port: Number(process.env.PORT ?? 8080),
  host: process.env.HOST ?? '127.0.0.1',
});
console.log(`chat server listening on ${server.url} (${Object.keys(tokens).length} tokens)`);
