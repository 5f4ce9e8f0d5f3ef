import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { ProductivityRow } from '../../../api/client';
import { ProviderCell } from './provider-productivity-page';

const PROVIDER = '33333333-3333-4333-8333-333333333333';
const row = (extra: Partial<ProductivityRow>): ProductivityRow =>
  ({ providerId: PROVIDER, suppressed: false, providerCount: 1, ...extra }) as ProductivityRow;

describe('ProviderCell', () => {
  it('names the provider from the staff directory, the id kept as the title', () => {
    render(<ProviderCell row={row({})} staff={{ names: new Map([[PROVIDER, 'Dev Patel, LCSW']]), isPending: false }} />);
    expect(screen.getByText('Dev Patel, LCSW').getAttribute('title')).toBe(`Staff user ${PROVIDER}`);
  });

  it('shows the provider id when the directory has no name for it', () => {
    const { container } = render(<ProviderCell row={row({})} staff={{ names: new Map(), isPending: false }} />);
    expect(container.querySelector('code')?.textContent).toBe(PROVIDER);
    expect(container.textContent).toContain('name not in the staff directory');
  });

  it('keeps the combined row as it was: a count, no name and no id', () => {
    const { container } = render(
      <ProviderCell
        row={row({ providerId: null, suppressed: true, providerCount: 3 })}
        staff={{ names: new Map([[PROVIDER, 'Dev Patel, LCSW']]), isPending: false }}
      />,
    );
    expect(container.textContent).toContain('3 providers combined');
    expect(container.textContent).not.toContain('Dev Patel');
    expect(container.querySelector('code')).toBeNull();
  });
});
