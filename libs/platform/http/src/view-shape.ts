// A read model is written twice: as the view a handler returns (`PatientView`) and as the response DTO class that
// the OpenAPI document, and so the generated clients, are built from (`PatientResponseDto`). These types tie the
// two at compile time. Beside each response DTO:
//
//   type _Shape = Assert<SameShape<PatientView, PatientResponseDto>>;
//
// fails to compile when a field is on one and not the other (at any depth: nested objects, array items, union
// members), or when a value the view holds does not fit the DTO's declared type (e.g. the view may send null and
// the DTO does not say so). The DTO may be narrower than `implements` would allow the other way round: a DTO
// property typed `string` documents a view's `'draft' | 'signed'` (its `enum` is in `@ApiProperty`).
//
// This file imports nothing, so the not-ok fixture (view-shape.not-ok.fixture.ts) compiles on its own.

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/** Every key of every member of a union (`keyof (A | B)` gives only the common ones). */
type AllKeys<T> = T extends unknown ? keyof T : never;

/** The value at `K` in whichever members of the union have it. */
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** What to compare of a value: objects by their keys; arrays by their items; primitives and `unknown` not at all. */
type Shape<T> = Exclude<T, Primitive>;

type Join<P extends string, K extends PropertyKey> = P extends '' ? `${K & string}` : `${P}.${K & string}`;

/**
 * The dotted paths at which `View` and `Dto` disagree on keys (`never` when they agree), e.g.
 * `'flags.consentRequired (view only)' | 'middleName (DTO only)'`. Array items are `[]`.
 */
export type ShapeDrift<View, Dto, Path extends string = ''> = [unknown] extends [View]
  ? never // `unknown` (a free-form payload): nothing to compare
  : [Shape<View>] extends [never]
    ? never
    : [Shape<View>] extends [readonly (infer VItem)[]]
      ? [Shape<Dto>] extends [readonly (infer DItem)[]]
        ? ShapeDrift<VItem, DItem, `${Path}[]`>
        : `${Path} (an array in the view only)`
      : [Shape<Dto>] extends [never]
        ? `${Path} (an object in the view only)`
        : string extends AllKeys<Shape<Dto>> // a map (`Record<string, X>`, documented as additionalProperties): compare its values
          ? ShapeDrift<ValueAt<Shape<View>, AllKeys<Shape<View>>>, ValueAt<Shape<Dto>, string>, Join<Path, '*'>>
          : | { [K in Exclude<AllKeys<Shape<View>>, AllKeys<Shape<Dto>>>]: `${Join<Path, K>} (view only)` }[Exclude<
                AllKeys<Shape<View>>,
                AllKeys<Shape<Dto>>
              >]
            | { [K in Exclude<AllKeys<Shape<Dto>>, AllKeys<Shape<View>>>]: `${Join<Path, K>} (DTO only)` }[Exclude<
                AllKeys<Shape<Dto>>,
                AllKeys<Shape<View>>
              >]
            | {
                [K in AllKeys<Shape<View>> & AllKeys<Shape<Dto>>]: ShapeDrift<
                  ValueAt<Shape<View>, K>,
                  ValueAt<Shape<Dto>, K>,
                  Join<Path, K>
                >;
              }[AllKeys<Shape<View>> & AllKeys<Shape<Dto>>];

/**
 * `true` when `Dto` describes exactly what `View` sends: the same keys at every depth, and every view value fits the
 * DTO's type. Otherwise an object naming the drift, so the compiler's message says what is wrong.
 */
export type SameShape<View, Dto> = [ShapeDrift<View, Dto>] extends [never]
  ? [View] extends [Dto]
    ? true
    : { error: 'a value of the view does not fit the DTO type'; view: View; dto: Dto }
  : { error: 'the view and the DTO have different fields'; drift: ShapeDrift<View, Dto> };

/** Compiles only when `T` is `true`: `type _Shape = Assert<SameShape<PatientView, PatientResponseDto>>`. */
export type Assert<T extends true> = T;
