import { z } from 'zod';
import { OpeningHours, TimeZone } from './availability.ts';
import { MinorUnits } from './money.ts';

const name = z.string().trim().min(1).max(120);

/** A menu as restaurants hand it to `cli menu:import` (JSON or YAML). Matched by name on re-import. */
export const MenuImport = z.strictObject({
  /** The restaurant's IANA time zone; its hours are read in it. */
  timezone: TimeZone.optional(),
  /** Opening hours; left out, the restaurant's hours stay as they are. */
  hours: OpeningHours.optional(),
  categories: z
    .array(
      z.strictObject({
        name,
        description: z.string().max(500).nullish(),
        items: z
          .array(
            z.strictObject({
              name,
              description: z.string().max(1000).nullish(),
              price: MinorUnits,
              available: z.boolean().default(true),
              modifier_groups: z
                .array(
                  z
                    .strictObject({
                      name,
                      min: z.number().int().min(0).default(0),
                      max: z.number().int().min(1).default(1),
                      modifiers: z
                        .array(
                          z.strictObject({
                            name,
                            price_delta: z.number().int().default(0),
                            available: z.boolean().default(true),
                          }),
                        )
                        .min(1),
                    })
                    .refine((group) => group.min <= group.max, {
                      message: 'min must not exceed max',
                      path: ['min'],
                    })
                    .refine((group) => group.min <= group.modifiers.length, {
                      message: 'min exceeds the number of modifiers',
                      path: ['min'],
                    }),
                )
                .default([]),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type MenuImport = z.input<typeof MenuImport>;
export type ParsedMenuImport = z.output<typeof MenuImport>;
