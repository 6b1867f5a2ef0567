import type { Page } from 'playwright-core';

/** Every locator the specs use, in one place: a UI change is fixed here, not in each spec. */
export const L = {
  auth: {
    email: (p: Page) => p.locator('form[data-testid=auth-form] input[name=email]'),
    password: (p: Page) => p.locator('form[data-testid=auth-form] input[name=password]'),
    displayName: (p: Page) => p.locator('form[data-testid=auth-form] input[name=display_name]'),
    inviteCode: (p: Page) => p.locator('form[data-testid=auth-form] input[name=invite_code]'),
    registerTab: (p: Page) => p.getByRole('tab', { name: 'Register' }),
    submit: (p: Page) => p.locator('form[data-testid=auth-form] button[type=submit]'),
    error: (p: Page) => p.locator('form[data-testid=auth-form] [role=alert]'),
  },
  shell: {
    heading: (p: Page, title: string) => p.getByRole('heading', { level: 1, name: title, exact: true }),
    nav: (p: Page) => p.getByRole('navigation', { name: 'Main' }),
    navLink: (p: Page, label: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }),
    whoami: (p: Page) => p.getByTestId('whoami'),
    balance: (p: Page) => p.getByTestId('balance'),
    live: (p: Page, status: 'live' | 'connecting' | 'offline' = 'live') => p.locator(`[data-testid=live-status][data-status=${status}]`),
    theme: (p: Page) => p.getByRole('combobox', { name: 'Theme' }),
    toast: (p: Page, text: string | RegExp) => p.getByTestId('toast').filter({ hasText: text }),
    confirmOk: (p: Page) => p.getByTestId('confirm-ok'),
    notAvailable: (p: Page) => p.getByText('Not available yet'),
    closeDialog: (p: Page, testId: string) => p.getByTestId(testId).getByRole('button', { name: 'Close dialog' }),
  },
  keys: {
    newKey: (p: Page) => p.getByTestId('new-key'),
    name: (p: Page) => p.locator('[data-testid=key-dialog] input[name=key-name]'),
    save: (p: Page) => p.getByTestId('save-key'),
    token: (p: Page) => p.getByTestId('new-token'),
    tokenDialog: (p: Page) => p.getByTestId('token-dialog'),
    snippetTab: (p: Page, label: string) => p.getByTestId('key-snippets').getByRole('tab', { name: label }),
    snippet: (p: Page, id: string) => p.getByTestId(`snippet-${id}`),
    done: (p: Page) => p.getByTestId('token-dialog').getByRole('button', { name: 'Done' }),
    rows: (p: Page) => p.locator('[data-testid=keys-table] tbody tr'),
    row: (p: Page, name: string) => p.locator('[data-testid=keys-table] tbody tr').filter({ hasText: name }),
  },
  channels: {
    newChannel: (p: Page) => p.getByTestId('new-channel'),
    name: (p: Page) => p.locator('[data-testid=channel-form] input[name=channel-name]'),
    provider: (p: Page) => p.locator('[data-testid=channel-form] select[name=channel-provider]'),
    baseUrl: (p: Page) => p.locator('[data-testid=channel-form] input[name=channel-base-url]'),
    secret: (p: Page) => p.locator('[data-testid=channel-form] input[name=channel-secret]'),
    models: (p: Page) => p.locator('[data-testid=channel-form] textarea[name=channel-models]'),
    addWindow: (p: Page) => p.getByTestId('add-window'),
    windowLimit: (p: Page, i: number) => p.locator(`[data-testid=channel-form] input[name=window-${i}-limit]`),
    save: (p: Page) => p.getByTestId('save-channel'),
    errors: (p: Page) => p.getByTestId('channel-errors'),
    rows: (p: Page) => p.locator('[data-testid=channels-table] tbody tr'),
    row: (p: Page, name: string) => p.locator('[data-testid=channels-table] tbody tr').filter({ hasText: name }),
    rowButton: (p: Page, name: string, button: string) =>
      p.locator('[data-testid=channels-table] tbody tr').filter({ hasText: name }).getByRole('button', { name: button, exact: true }),
    select: (p: Page, name: string) => p.getByRole('checkbox', { name: `Select ${name}` }),
    batchDisable: (p: Page) => p.getByTestId('batch-disable'),
    batchEnable: (p: Page) => p.getByTestId('batch-enable'),
    testResult: (p: Page) => p.getByTestId('channel-test-result'),
  },
  users: {
    manage: (p: Page, email: string) => p.locator('[data-testid=users-table] tbody tr').filter({ hasText: email }).getByRole('button', { name: 'Manage' }),
    pointsDelta: (p: Page) => p.locator('[data-testid=adjust-dialog] input[name=points-delta]'),
    applyPoints: (p: Page) => p.getByTestId('adjust-dialog').getByRole('button', { name: 'Apply' }),
  },
  table: {
    /** Rows of any data table whose testid is given. */
    rows: (p: Page, testId: string) => p.locator(`[data-testid=${testId}] tbody tr`),
  },
};
