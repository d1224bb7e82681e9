/**
 * Each dish's options live in its own modal <dialog>. The opening and closing buttons use invoker
 * commands (`commandfor` + `command`), which work without script; this adds the same for browsers
 * that lack them, closes on a tap outside the sheet, and gives focus back to the dish's button.
 */
export function wireDishDialogs(): void {
  const invokers = 'command' in HTMLButtonElement.prototype;
  for (const dialog of document.querySelectorAll<HTMLDialogElement>('dialog.dish-dialog')) {
    const opener = document.querySelector<HTMLButtonElement>(
      `[commandfor="${dialog.id}"][command="show-modal"]`,
    );
    if (!invokers) {
      opener?.addEventListener('click', () => dialog.showModal());
      for (const close of dialog.querySelectorAll<HTMLButtonElement>('[command="close"]'))
        close.addEventListener('click', () => dialog.close());
    }
    // A click on the dialog element itself, not on its content, is a click on the backdrop.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener('close', () => {
      if (!dialog.contains(document.activeElement) && document.activeElement !== document.body) return;
      opener?.focus();
    });
  }
}
