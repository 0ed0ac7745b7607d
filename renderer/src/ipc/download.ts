/** Starts the browser's download of a file the host offers (`downloadUrl` in an export's answer). */
export function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}
