import type { MenuImport, OpeningHours } from '@repo/contracts';

export const DEMO_RESTAURANT = {
  slug: 'demo',
  name: 'Trattoria Demo',
  currency: 'usd',
  tax_rate_ppm: 88_750,
  prep_time_minutes: 20,
  delivery_enabled: true,
  delivery_fee: 399,
  delivery_time_minutes: 25,
  country: 'US',
  timezone: 'America/New_York',
  phone: '+1 212 555 0134',
  email: 'hello@trattoria.example',
  address: '12 Mulberry St, New York, NY 10013',
} as const;

const lunch = { open: '11:30', close: '14:30' };

/** A New York trattoria's week: lunch and dinner, late on Friday and Saturday (past midnight). */
export const DEMO_HOURS: OpeningHours = {
  weekly: {
    monday: [lunch, { open: '17:00', close: '22:00' }],
    tuesday: [lunch, { open: '17:00', close: '22:00' }],
    wednesday: [lunch, { open: '17:00', close: '22:00' }],
    thursday: [lunch, { open: '17:00', close: '22:00' }],
    friday: [lunch, { open: '17:00', close: '02:00' }],
    saturday: [{ open: '12:00', close: '02:00' }],
    sunday: [{ open: '12:00', close: '21:00' }],
  },
  closures: [{ date: '2026-12-25', reason: 'Christmas Day' }],
};

/** Open at every hour of every day (a range from midnight to midnight): for tests and the bench. */
export const ALL_DAY_HOURS: OpeningHours = {
  weekly: Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
      day,
      [{ open: '00:00', close: '00:00' }],
    ]),
  ) as OpeningHours['weekly'],
  closures: [],
};

const size = {
  name: 'Size',
  min: 1,
  max: 1,
  modifiers: [
    { name: 'Small 10"', price_delta: 0 },
    { name: 'Medium 12"', price_delta: 300 },
    { name: 'Large 16"', price_delta: 600 },
  ],
};

const toppings = {
  name: 'Extra toppings',
  min: 0,
  max: 3,
  modifiers: [
    { name: 'Mushrooms', price_delta: 150 },
    { name: 'Pepperoni', price_delta: 200 },
    { name: 'Fresh basil', price_delta: 100 },
    { name: 'Burrata', price_delta: 400, available: false },
  ],
};

export const DEMO_MENU: MenuImport = {
  categories: [
    {
      name: 'Starters',
      items: [
        { name: 'Garlic Knots', description: 'Six knots, parsley butter, marinara.', price: 695 },
        {
          name: 'Caesar Salad',
          description: 'Romaine, parmesan, sourdough croutons.',
          price: 1095,
          modifier_groups: [
            {
              name: 'Add protein',
              min: 0,
              max: 1,
              modifiers: [
                { name: 'Grilled chicken', price_delta: 450 },
                { name: 'Shrimp', price_delta: 650 },
              ],
            },
          ],
        },
        { name: 'Arancini', description: 'Saffron risotto, mozzarella, pomodoro.', price: 895 },
      ],
    },
    {
      name: 'Pizza',
      items: [
        {
          name: 'Margherita',
          description: 'San Marzano tomato, fior di latte, basil.',
          price: 1495,
          modifier_groups: [size, toppings],
        },
        {
          name: 'Diavola',
          description: 'Spicy salami, chili honey, mozzarella.',
          price: 1695,
          modifier_groups: [size, toppings],
        },
        {
          name: 'Funghi Bianca',
          description: 'Roasted mushrooms, ricotta, thyme.',
          price: 1595,
          modifier_groups: [size],
        },
      ],
    },
    {
      name: 'Pasta',
      items: [
        {
          name: 'Rigatoni alla Vodka',
          description: 'Creamy tomato, calabrian chili.',
          price: 1795,
          modifier_groups: [
            {
              name: 'Gluten-free pasta',
              min: 0,
              max: 1,
              modifiers: [{ name: 'Gluten-free rigatoni', price_delta: 250 }],
            },
          ],
        },
        { name: 'Cacio e Pepe', description: 'Pecorino, black pepper, tonnarelli.', price: 1695 },
      ],
    },
    {
      name: 'Drinks & Dessert',
      items: [
        { name: 'San Pellegrino', description: '500 ml sparkling water.', price: 395 },
        { name: 'Tiramisu', description: 'Mascarpone, espresso, cocoa.', price: 895 },
        { name: 'Affogato', description: 'Vanilla gelato, espresso shot.', price: 750, available: false },
      ],
    },
  ],
};
