import type { BackgroundTask } from '../../shared/ipc/contract.js';
import type { EventHub } from '../ipc/router.js';

/** Background work shown in the status bar; services report progress here. */
export class TaskTracker {
  private readonly tasks = new Map<string, BackgroundTask>();

  constructor(private readonly hub: EventHub) {}

  list(): BackgroundTask[] {
    return [...this.tasks.values()];
  }

  update(task: BackgroundTask): void {
    this.tasks.set(task.id, task);
    this.hub.emit('tasks.changed', this.list());
  }

  finish(id: string): void {
    if (this.tasks.delete(id)) this.hub.emit('tasks.changed', this.list());
  }
}
