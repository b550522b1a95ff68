// The order-lookup tool. In production it calls the shop's order API; here, a small table.

/** @typedef {{ orderId: string, status: string, eta?: string }} Order */

/** @type {Map<string, Order>} */
const ORDERS = new Map([
  ['ORD-1042', { orderId: 'ORD-1042', status: 'shipped', eta: '2024-06-14' }],
  ['ORD-1077', { orderId: 'ORD-1077', status: 'processing' }],
  ['ORD-2210', { orderId: 'ORD-2210', status: 'delivered' }],
]);

/** @param {string} orderId @returns {Promise<Order>} */
export async function lookupOrder(orderId) {
  const order = ORDERS.get(orderId.toUpperCase());
  if (order === undefined) throw new Error(`order ${orderId} does not exist`);
  return { ...order };
}

/** Order ids mentioned in a message, e.g. "ORD-1042". @param {string} text */
export function findOrderIds(text) {
  return [...text.matchAll(/\bORD-\d{4}\b/gi)].map((match) => match[0].toUpperCase());
}
