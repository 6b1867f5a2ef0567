import { create } from 'zustand';

export type ThemeChoice = 'light' | 'dark' | 'system';
const THEME_KEY = 'tokenaltar.theme';

function apply(choice: ThemeChoice): void {
  const dark =
    choice === 'dark' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

function initial(): ThemeChoice {
  const stored = localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

interface ThemeState {
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
}

export const useTheme = create<ThemeState>((set) => ({
  choice: initial(),
  setChoice(choice) {
    localStorage.setItem(THEME_KEY, choice);
    apply(choice);
    set({ choice });
  },
}));

/** Applies the stored theme before the first paint and follows the OS while on "system". */
export function initTheme(): void {
  apply(useTheme.getState().choice);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    apply(useTheme.getState().choice);
  });
}
