/** Id of the JSON script tag holding the menu items the cart island validates choices against. */
export const MENU_DATA_ID = 'menu-items';
