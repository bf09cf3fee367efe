/**
 * The idempotency key of one request being submitted (`client_key`): a form keeps it across its
 * retries, so a retry after a lost answer gets the request the first attempt saved
 * (tests/complaints/test_client_key.py).
 * 32 hex characters; crypto.randomUUID exists only in secure contexts (not plain-HTTP LAN).
 */
export function newClientKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
