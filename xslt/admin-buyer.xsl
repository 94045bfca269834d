<?xml version="1.0" encoding="UTF-8"?>
<!-- One buyer: the account, its balance and a credit or debit of it, the
     sign-in lock and its unlock, recent ledger rows, orders and instances. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>
  <xsl:import href="_refund.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.buyers.heading', buyer/@email)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="b" select="buyer"/>
    <p class="muted"><a href="/admin/buyers"><xsl:value-of select="m:t('admin.nav.buyers')"/></a> › <xsl:value-of select="$b/@id"/></p>
    <h1><xsl:value-of select="m:t('admin.buyers.heading', $b/@email)"/></h1>

    <h2><xsl:value-of select="m:t('admin.buyers.account')"/></h2>
    <dl class="kv">
      <dt><xsl:value-of select="m:t('admin.buyers.id')"/></dt>
      <dd><xsl:value-of select="$b/@id"/></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.email')"/></dt>
      <dd><xsl:value-of select="$b/@email"/></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.name')"/></dt>
      <dd><xsl:value-of select="$b/name"/></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.balance')"/></dt>
      <dd><strong class="balance"><xsl:call-template name="money"><xsl:with-param name="v" select="$b/balance"/></xsl:call-template></strong></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.registered')"/></dt>
      <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$b/@created"/></xsl:call-template></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.updated')"/></dt>
      <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$b/@updated"/></xsl:call-template></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.sessions')"/></dt>
      <dd><xsl:value-of select="$b/@sessions"/></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.orders')"/></dt>
      <dd><a href="/admin/orders?buyer={$b/@id}"><xsl:value-of select="$b/@orders"/></a></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.instances')"/></dt>
      <dd><xsl:value-of select="$b/@instances"/></dd>
      <dt><xsl:value-of select="m:t('admin.buyers.sign_in')"/></dt>
      <dd class="sign-in">
        <xsl:variable name="s" select="$b/sign-in"/>
        <xsl:choose>
          <xsl:when test="$s/@locked = '1'"><strong><xsl:value-of select="m:t('admin.buyers.locked', $s/@failures, $s/@addresses, $s/@wait)"/></strong></xsl:when>
          <xsl:when test="$s/@failures &gt; 0"><xsl:value-of select="m:t('admin.buyers.failures', $s/@failures, $s/@addresses)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="m:t('admin.buyers.no_failures')"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </dl>
    <xsl:if test="$b/sign-in/@failures &gt; 0">
      <form class="admin-form unlock" action="/admin/buyers/{$b/@id}/unlock" method="post">
        <xsl:call-template name="admin-csrf"/>
        <label class="field"><span><xsl:value-of select="m:t('admin.buyers.optional_reason')"/></span><input type="text" name="reason" maxlength="500"/></label>
        <p class="muted"><xsl:value-of select="m:t('admin.buyers.unlock_hint')"/></p>
        <div class="admin-actions"><button type="submit"><xsl:value-of select="m:t('admin.buyers.unlock')"/></button></div>
      </form>
    </xsl:if>

    <h2><xsl:value-of select="m:t('admin.buyers.balance_form')"/></h2>
    <form class="admin-form balance" action="/admin/buyers/{$b/@id}/balance" method="post">
      <xsl:call-template name="admin-csrf"/>
      <input type="hidden" name="idem" value="{/page/form/@idem}"/>
      <fieldset class="field">
        <legend><xsl:value-of select="m:t('admin.buyers.op')"/></legend>
        <xsl:variable name="op" select="/page/form/field[@name = 'op']"/>
        <label><input type="radio" name="op" value="credit">
          <xsl:if test="not($op = 'debit')"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input><xsl:text> </xsl:text><xsl:value-of select="m:t('admin.buyers.op.credit')"/></label>
        <xsl:text> </xsl:text>
        <label><input type="radio" name="op" value="debit">
          <xsl:if test="$op = 'debit'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input><xsl:text> </xsl:text><xsl:value-of select="m:t('admin.buyers.op.debit')"/></label>
      </fieldset>
      <xsl:call-template name="field">
        <xsl:with-param name="name" select="'amount'"/>
        <xsl:with-param name="label" select="m:t('admin.buyers.amount')"/>
        <xsl:with-param name="max" select="12"/>
        <xsl:with-param name="autocomplete" select="'off'"/>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name" select="'reason'"/>
        <xsl:with-param name="label" select="m:t('admin.reason')"/>
        <xsl:with-param name="max" select="500"/>
        <xsl:with-param name="autocomplete" select="'off'"/>
        <xsl:with-param name="hint" select="m:t('admin.buyers.balance_hint')"/>
      </xsl:call-template>
      <div class="admin-actions"><button type="submit" class="primary"><xsl:value-of select="m:t('admin.buyers.apply')"/></button></div>
    </form>

    <h2><xsl:value-of select="m:t('admin.buyers.ledger')"/></h2>
    <xsl:choose>
      <xsl:when test="$b/ledger/entry">
        <div class="table-scroll">
          <table class="data admin-table ledger">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('ledger.at')"/></th>
                <th scope="col"><xsl:value-of select="m:t('ledger.kind')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('ledger.amount')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('ledger.balance_after')"/></th>
                <th scope="col"><xsl:value-of select="m:t('ledger.related')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$b/ledger/entry">
                <tr id="ledger-{@id}">
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
                  <td><xsl:call-template name="label"><xsl:with-param name="prefix" select="'ledger.kind.'"/><xsl:with-param name="value" select="@kind"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="signed-money"><xsl:with-param name="v" select="amount"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="balance-after"/></xsl:call-template></td>
                  <td class="wrap-text">
                    <xsl:if test="@order"><a href="/admin/orders/{@order}"><xsl:value-of select="m:t('ledger.order', @order)"/></a><xsl:text> </xsl:text></xsl:if>
                    <xsl:if test="@payment"><xsl:value-of select="m:t('ledger.payment', @payment)"/><xsl:text> </xsl:text></xsl:if>
                    <xsl:if test="@admin"><span class="muted"><xsl:value-of select="m:t('admin.buyers.by', @admin)"/></span><xsl:text> </xsl:text></xsl:if>
                    <xsl:value-of select="reason"/>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.buyers.ledger_none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2><xsl:value-of select="m:t('admin.buyers.recent_orders')"/></h2>
    <xsl:choose>
      <xsl:when test="$b/order-list/order">
        <div class="table-scroll">
          <table class="data admin-table orders">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.orders.no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendor')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.orders.total')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.orders.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.orders.created')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$b/order-list/order">
                <tr>
                  <td><a href="/admin/orders/{@no}"><xsl:value-of select="@no"/></a></td>
                  <td><xsl:value-of select="product"/></td>
                  <td><a href="/admin/vendors/{@vendor}"><xsl:value-of select="@vendor"/></a></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="total"/></xsl:call-template></td>
                  <td><xsl:call-template name="order-status"><xsl:with-param name="o" select="."/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <p><a href="/admin/orders?buyer={$b/@id}"><xsl:value-of select="m:t('admin.buyers.all_orders')"/></a></p>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2><xsl:value-of select="m:t('admin.buyers.recent_instances')"/></h2>
    <xsl:choose>
      <xsl:when test="$b/instance-list/instance">
        <div class="table-scroll">
          <table class="data admin-table instances">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.instance')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendor')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.expires')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.delivery')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$b/instance-list/instance">
                <tr>
                  <td><xsl:value-of select="@no"/></td>
                  <td><xsl:value-of select="product"/></td>
                  <td><a href="/admin/vendors/{@vendor}"><xsl:value-of select="@vendor"/></a></td>
                  <td><xsl:call-template name="instance-status"><xsl:with-param name="i" select="."/></xsl:call-template></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@expires"><xsl:call-template name="time"><xsl:with-param name="t" select="@expires"/></xsl:call-template></xsl:when>
                      <xsl:otherwise><span class="muted"><xsl:value-of select="m:t('admin.order.no_expiry')"/></span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td><xsl:if test="@delivery-no"><a href="/admin/deliveries/{@delivery-no}"><xsl:value-of select="@delivery-no"/></a></xsl:if></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
