/**
 * A shop of the settings model (docs/contract.md §4) pointed at a sandbox's baseUrl: what each demo shop has of its
 * own (credentials, fetch window, …) between the name and the defaults every demo shop shares.
 */
export function demoShop(
  name: string,
  mall: string,
  own: Record<string, unknown>,
  baseUrl: string,
): Record<string, unknown> {
  return {
    name,
    mall,
    enabled: true,
    ...own,
    initialStatus: '新規受付',
    autoFetchMinutes: 30,
    autoExport: false,
    defaultCarrier: 'ヤマト運輸', // one of DEMO_CARRIERS (demo-config.ts)
    slipComment: `${name}をご利用いただきありがとうございます。商品に不備がございましたら、お手数ですがご連絡ください。`,
    endpoints: { api: baseUrl, auth: baseUrl },
  };
}
