import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { ProductivityRow } from '../../../api/client';
import { ProviderCell } from './provider-productivity-page';

const PROVIDER = '33333333-3333-4333-8333-333333333333';
const row = (extra: Partial<ProductivityRow>): ProductivityRow => ({ providerId: PROVIDER, ...extra }) as ProductivityRow;

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
});
