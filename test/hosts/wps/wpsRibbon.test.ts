import { folderUrl, ribbonCallbacks } from '../../../src/hosts/wps/wpsRibbon';

/** WPS's add-in root as the ribbon uses it: PluginStorage and task panes. */
function fakeWps(): {
  app: Parameters<typeof ribbonCallbacks>[0] extends () => infer A ? A : never;
  panes: { url: string; Visible: boolean }[];
} {
  const storage = new Map<string, unknown>();
  const panes: { url: string; Visible: boolean; ID: number; DockPosition: number }[] = [];
  const app = {
    PluginStorage: {
      getItem: (k: string) => storage.get(k),
      setItem: (k: string, v: unknown) => void storage.set(k, v),
    },
    CreateTaskPane: (url: string) => {
      const pane = { url, Visible: false, ID: panes.length + 1, DockPosition: 0 };
      panes.push(pane);
      return pane;
    },
    GetTaskPane: (id: number) => panes[id - 1],
  };
  return { app: app as unknown as ReturnType<typeof fakeWps>['app'], panes };
}

describe('the 渠道分级 ribbon in WPS', () => {
  it('opens the pane beside the main page on the first click, docked right, and hides and shows it after', () => {
    const { app, panes } = fakeWps();
    const ribbon = ribbonCallbacks(
      () => app,
      () => 'http://addins.corp.example/qd-wps/index.html',
    );
    expect(ribbon.OnAddinLoad({} as never)).toBe(true);
    ribbon.OnAction({ Id: 'qdOpenPane' });
    expect(panes).toEqual([
      expect.objectContaining({
        url: 'http://addins.corp.example/qd-wps/taskpane.html',
        Visible: true,
        DockPosition: 2,
      }),
    ]);
    ribbon.OnAction({ Id: 'qdOpenPane' });
    expect(panes.map((p) => p.Visible)).toEqual([false]);
    ribbon.OnAction({ Id: 'qdOpenPane' });
    expect(panes.map((p) => p.Visible)).toEqual([true]);
    ribbon.OnAction({ Id: 'someoneElse' });
    expect(panes).toHaveLength(1);
  });

  it('finds the pane beside an offline add-in in the jsaddons folder under a percent-encoded Chinese user name', () => {
    expect(
      folderUrl('file:///C:/Users/%E5%BC%A0/AppData/Roaming/kingsoft/wps/jsaddons/QDChannelGrader_0.1.0/index.html'),
    ).toBe('file:///C:/Users/张/AppData/Roaming/kingsoft/wps/jsaddons/QDChannelGrader_0.1.0');
  });
});
