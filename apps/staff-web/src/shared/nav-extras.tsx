import { createContext, ReactNode, useContext } from 'react';

/**
 * Navigation entries another context adds to the shell (the shell is a platform feature and may not import them):
 * the composition root (app.tsx) provides them, the shell renders those whose permission the user holds. `render`
 * draws the entry's link (a NavLink with whatever it shows beside its label, e.g. an unread count).
 */
export interface NavExtra {
  key: string;
  permission: string;
  render: () => ReactNode;
}

const NavExtrasContext = createContext<readonly NavExtra[]>([]);

export function NavExtrasProvider({ extras, children }: { extras: readonly NavExtra[]; children: ReactNode }) {
  return <NavExtrasContext.Provider value={extras}>{children}</NavExtrasContext.Provider>;
}

export function useNavExtras(): readonly NavExtra[] {
  return useContext(NavExtrasContext);
}
