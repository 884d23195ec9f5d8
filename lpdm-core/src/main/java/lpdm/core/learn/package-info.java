/** Learning rules for hidden layers (back-propagation, LPDM, frozen) behind one interface. */
package lpdm.core.learn;
