import { orderUrl } from './site-config.ts';

const config = { apiUrl: 'https://api.example.com/', slug: 'trattoria demo' };

describe('orderUrl', () => {
  it('when an order is created, then it is posted to the restaurant’s orders, slug escaped', () => {
    expect(orderUrl(config)).toBe('https://api.example.com/api/clients/trattoria%20demo/orders');
  });

  it('when an order is read, then its id is a path segment', () => {
    expect(orderUrl(config, 'a/b')).toBe('https://api.example.com/api/clients/trattoria%20demo/orders/a%2Fb');
  });
});
