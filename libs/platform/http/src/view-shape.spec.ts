import { join } from 'node:path';
import * as ts from 'typescript';

import type { Assert, SameShape, ShapeDrift } from './view-shape';

// The type checks compile with the workspace typecheck (`tsc -p tsconfig.json`); the @ts-expect-error lines fail
// it if a drift stops being an error. The spec below compiles fixtures with the TypeScript compiler, so the jest
// run (which strips types) proves the same: a DTO missing a view's field, or holding one the view lacks, does not
// build.

interface View {
  id: string;
  status: 'draft' | 'signed';
  signedAt: string | null;
  flags: { consentRequired: boolean };
  addenda: { id: string; body: string }[];
  recipient: { type: 'organization'; organizationId: string } | { type: 'role'; roleKey: string };
  byCategory: Partial<Record<'individual' | 'group', number>>;
  payload: unknown;
}
class FlagsDto {
  consentRequired!: boolean;
}
class AddendumDto {
  id!: string;
  body!: string;
}
class RecipientDto {
  type!: string;
  organizationId?: string;
  roleKey?: string;
}
class ExactDto {
  id!: string;
  status!: string; // the enum is documented in @ApiProperty
  signedAt!: string | null;
  flags!: FlagsDto;
  addenda!: AddendumDto[];
  recipient!: RecipientDto;
  byCategory!: Record<string, number>;
  payload!: unknown;
}

type _Exact = Assert<SameShape<View, ExactDto>>;
// @ts-expect-error the DTO lacks signedAt
type _Missing = Assert<SameShape<View, Omit<ExactDto, 'signedAt'>>>;
// @ts-expect-error the DTO documents a field the view does not send
type _Extra = Assert<SameShape<View, ExactDto & { mrn: string }>>;
// @ts-expect-error a nested object lacks a field
type _NestedMissing = Assert<SameShape<View, Omit<ExactDto, 'flags'> & { flags: object }>>;
// @ts-expect-error an array item has an extra field
type _ItemExtra = Assert<SameShape<View, Omit<ExactDto, 'addenda'> & { addenda: (AddendumDto & { authorId: string })[] }>>;
// @ts-expect-error the view sends null where the DTO does not say so
type _NotNullable = Assert<SameShape<View, Omit<ExactDto, 'signedAt'> & { signedAt: string }>>;

describe('SameShape: a response DTO describes exactly what its view sends', () => {
  it('names the drift, both ways and at any depth', () => {
    const drift: ShapeDrift<
      View,
      Omit<ExactDto, 'signedAt' | 'recipient'> & { mrn: string; recipient: { type: string; organizationId?: string } }
    >[] = ['signedAt (view only)', 'mrn (DTO only)', 'recipient.roleKey (view only)'];
    expect(drift).toHaveLength(3);
  });

  /** Type-checks `source` as a file beside view-shape.ts; the diagnostics' messages. */
  function compile(source: string): string[] {
    const file = join(__dirname, 'view-shape.fixture.ts');
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: [], skipLibCheck: true };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) =>
      name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === file || fileExists(name);
    const program = ts.createProgram([file], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  const VIEW = `
    import type { Assert, SameShape } from './view-shape';
    interface PatientView { id: string; middleName: string | null; chart: { id: string; mrn: string } | null }
    class ChartDto { id!: string; mrn!: string; }
  `;

  it("compiles a DTO with exactly the view's fields", () => {
    expect(
      compile(`${VIEW}
      class PatientResponseDto { id!: string; middleName!: string | null; chart!: ChartDto | null; }
      export type _Shape = Assert<SameShape<PatientView, PatientResponseDto>>;`),
    ).toEqual([]);
  });

  it('does not compile when the DTO lacks a field of the view (a field added to the view, not documented)', () => {
    const errors = compile(`${VIEW}
      class PatientResponseDto { id!: string; chart!: ChartDto | null; }
      export type _Shape = Assert<SameShape<PatientView, PatientResponseDto>>;`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('middleName (view only)');
  });

  it('does not compile when the DTO documents a field the view does not send (a field removed from the view)', () => {
    const errors = compile(`${VIEW}
      class ChartWithStatusDto extends ChartDto { status!: string; }
      class PatientResponseDto { id!: string; middleName!: string | null; chart!: ChartWithStatusDto | null; }
      export type _Shape = Assert<SameShape<PatientView, PatientResponseDto>>;`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('chart.status (DTO only)');
  });

  it('does not compile when a view value does not fit the DTO type', () => {
    const errors = compile(`${VIEW}
      class PatientResponseDto { id!: string; middleName!: string; chart!: ChartDto | null; }
      export type _Shape = Assert<SameShape<PatientView, PatientResponseDto>>;`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('a value of the view does not fit the DTO type');
  });
});
