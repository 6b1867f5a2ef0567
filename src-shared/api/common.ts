import { z } from 'zod';
import { isValidPattern } from '../model-pattern';
import { POINT_DECIMALS } from '../points';

/** Numeric path ids arrive as strings; coerce and validate once. */
export const Id = z.coerce.number().int().positive();
export const IdParam = z.object({ id: Id });

/** A decimal amount of points as the API takes it (at most 6 decimals, exact thereafter). */
export const Points = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((v) => Number(v))
  .refine((n) => Number.isFinite(n), 'must be a number')
  .refine((n) => Math.abs(n * 10 ** POINT_DECIMALS - Math.round(n * 10 ** POINT_DECIMALS)) < 1e-3, {
    message: `at most ${POINT_DECIMALS} decimal places`,
  });
export const NonNegativePoints = Points.refine((n) => n >= 0, 'must not be negative');
export const PositivePoints = Points.refine((n) => n > 0, 'must be positive');

export const ModelPattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isValidPattern, 'not a valid model pattern (exact name, * glob, or /regex/)');

/** RFC 3339 timestamp; `null` clears. */
export const Timestamp = z.iso.datetime({ offset: true });

export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
export const Password = z.string().min(8, 'at least 8 characters').max(200);

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});
