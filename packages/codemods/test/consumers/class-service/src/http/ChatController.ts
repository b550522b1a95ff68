import { UnknownAgentError, type AgentRunService } from '../services/AgentRunService.js';
import { errorMessage } from '../util/text.js';
import { RequestLogger } from './requestLog.js';

export type HttpRequest = { method: string; path: string; headers: Record<string, string | undefined>; body?: any };
export type HttpResponse = { status: number; headers: Record<string, string>; body: unknown };

/** The routes the chat frontend calls: POST /v1/messages and GET /healthz. */
export class ChatController {
  constructor(private readonly service: AgentRunService, private readonly log = new RequestLogger()) {}

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const entry = this.log.begin(req.method, req.path, req.headers['x-request-id']);
    const respond = (status: number, body: unknown): HttpResponse => {
      entry.end(status);
      return { status, headers: { 'x-request-id': entry.requestId }, body };
    };
    try {
      if (req.method === 'GET' && req.path === '/healthz') {
        const health = this.service.health();
        return respond(health.status === 'ok' ? 200 : 503, health);
      }
      if (req.method !== 'POST' || req.path !== '/v1/messages') return respond(404, { error: 'not found' });
      const { userId, threadId, message, agent } = req.body ?? {};
      if (typeof userId !== 'string' || typeof threadId !== 'string' || typeof message !== 'string') {
        return respond(400, { error: 'userId, threadId and message are required' });
      }
      if (message.startsWith('/')) return respond(200, { reply: await this.service.runCommand(userId, threadId, message) });
      return respond(200, await this.service.handleMessage({ userId, threadId, message, agent }));
    } catch (error) {
      return respond(error instanceof UnknownAgentError ? 404 : 500, { error: errorMessage(error) });
    }
  }
}
