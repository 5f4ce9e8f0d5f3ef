import { MAX_PROCESSES, processesArgument } from './process-cluster';

describe('processesArgument', () => {
  it('reads --processes N and --processes=N, the last one winning', () => {
    expect(processesArgument(['--processes', '3'])).toEqual({ processes: 3 });
    expect(processesArgument(['--processes=2'])).toEqual({ processes: 2 });
    expect(processesArgument(['--processes', '2', '--processes=4'])).toEqual({ processes: 4 });
  });

  it('is empty without the option', () => {
    expect(processesArgument([])).toEqual({});
    expect(processesArgument(['--other', '3'])).toEqual({});
  });

  it.each([['0'], ['-1'], ['1.5'], ['two'], [''], [String(MAX_PROCESSES + 1)], ['3abc']])(
    'refuses %p with a sentence naming the option',
    (raw) => {
      expect(processesArgument(['--processes', raw])).toEqual({
        error: `--processes must be a whole number from 1 to ${MAX_PROCESSES} (got "${raw}")`,
      });
    },
  );

  it('refuses a --processes with nothing after it', () => {
    expect(processesArgument(['--processes'])).toEqual({ error: `--processes must be a whole number from 1 to ${MAX_PROCESSES} (got "")` });
  });
});
