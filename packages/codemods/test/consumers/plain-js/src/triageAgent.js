// The triage agent's prompts, and the offline rule-based model used in dev and demos.

/** @typedef {{ complete(prompt: string): Promise<string> }} ChatModel */

/** @param {string} text */
export const classificationPrompt = (text) =>
  `Classify the customer message as order_status, account or other. Label only.\nMessage: ${text}`;

/** @param {string} text @param {import('./orders.js').Order | undefined} order */
export const replyPrompt = (text, order) =>
  `Write a short, friendly support reply.\nFacts: ${order ? JSON.stringify(order) : 'none'}\nCustomer: ${text}`;

/** @param {string} answer */
export const parseIntent = (answer) =>
  ['order_status', 'account'].find((label) => label === answer.trim().toLowerCase()) ?? 'other';

/** @param {{ latencyMs?: number }} [options] @returns {ChatModel} */
export function createRuleBasedModel({ latencyMs = 5 } = {}) {
  return {
    async complete(prompt) {
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (prompt.startsWith('Classify')) {
        const message = prompt.slice(prompt.indexOf('Message:')).toLowerCase();
        if (/\border\b|\bord-\d+/.test(message)) return 'order_status';
        return /password|login|account|email/.test(message) ? 'account' : 'other';
      }
      const facts = /Facts: (.*)/.exec(prompt)?.[1] ?? 'none';
      if (facts === 'none') return 'Thanks for reaching out! A teammate will follow up shortly.';
      const { orderId, status, eta } = JSON.parse(facts);
      return `Your order ${orderId} is ${status}${eta ? `, expected ${eta}` : ''}.`;
    },
  };
}
