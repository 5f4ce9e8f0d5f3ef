import { loadConfigOrExit } from './app-config';

describe('loadConfigOrExit', () => {
  afterEach(() => jest.restoreAllMocks());

  it('returns the validated configuration when every variable is valid', () => {
    const config = loadConfigOrExit({
      DATABASE_URL: 'postgresql://cairn_app@localhost/cairn',
      API_PORT: '3100',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(config.API_PORT).toBe(3100);
  });

  it('prints one line per bad variable and exits 2, without a stack trace', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exited');
    }) as never);
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => loadConfigOrExit({ DATABASE_URL: '', DATABASE_POOL_SIZE: '0' })).toThrow('exited');
    expect(exit).toHaveBeenCalledWith(2);
    const message = String(printed.mock.calls[0]?.[0]);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/DATABASE_POOL_SIZE/);
    expect(message).not.toMatch(/\n\s+at /);
  });
});
